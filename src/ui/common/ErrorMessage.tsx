/** An inline error next to the control that caused it; announced to screen readers, and dismissable when `onDismiss` is given. */
export function ErrorMessage({ message, id, onDismiss }: { message: string | null; id?: string; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" id={id}>
      {message}
      {onDismiss && (
        <>
          {' '}
          <button type="button" className="link dismiss" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </p>
  );
}
