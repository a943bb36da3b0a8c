import { useEffect } from 'react';
import { currentParams, replaceParams } from '../common/useHashRoute';
import { useTimeline } from '../runtimeContext';

/** Keeps `?at=N` in the URL in step with the cursor, so a reload or a shared link lands there. */
export function useCursorInUrl(): void {
  const cursor = useTimeline((t) => t.cursor);
  useEffect(() => {
    const params = currentParams();
    if (cursor === null) params.delete('at');
    else params.set('at', String(cursor));
    replaceParams(params);
  }, [cursor]);
}
