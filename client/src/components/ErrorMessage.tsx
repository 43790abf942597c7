interface Props {
  message: string | null;
  /** Announce at once (role="alert"); otherwise the message is only shown. */
  announce?: boolean;
  id?: string;
}

/** An error the user can act on, in the server's own words. */
export function ErrorMessage({ message, announce = true, id }: Props) {
  if (!message) return null;
  return (
    <p className="notice notice--error" role={announce ? 'alert' : undefined} id={id}>
      {message}
    </p>
  );
}
