/**
 * An inline error next to the control that caused it; announced to screen readers, and
 * dismissable when `onDismiss` is given. The button sits beside the alert, not in it, so the
 * alert's text is the message alone.
 */
export function ErrorMessage({ message, id, onDismiss }: { message: string | null; id?: string; onDismiss?: () => void }) {
  if (!message) return null;
  const alert = (
    <p className="error" role="alert" id={id}>
      {message}
    </p>
  );
  if (!onDismiss) return alert;
  return (
    <div className="error-line">
      {alert}
      <button type="button" className="link dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
