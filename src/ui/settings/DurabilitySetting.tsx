import { useState } from 'react';
import { chooseDurability, chosenDurability } from '../../state';

/** Strict durability: each write is flushed to disk before it counts (docs/decisions/010-durability-and-damage.md). */
export function DurabilitySetting() {
  const [strict, setStrict] = useState(() => chosenDurability() === 'strict');
  const [changed, setChanged] = useState(false);
  return (
    <p>
      <label>
        <input
          type="checkbox"
          checked={strict}
          onChange={(e) => {
            chooseDurability(localStorage, e.target.checked ? 'strict' : 'default');
            setStrict(e.target.checked);
            setChanged(true);
          }}
        />{' '}
        Flush every change to disk before it counts (strict durability: safer if the computer loses power, a little slower)
      </label>
      {changed && <span role="status"> Takes effect when Rewind is reloaded.</span>}
    </p>
  );
}
