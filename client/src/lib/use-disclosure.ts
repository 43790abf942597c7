import { useRef, useState } from 'react';

/**
 * A form behind a button: opening moves the focus to the form's first field
 * (by id), closing brings it back to the button, so a keyboard user never
 * loses their place. `setOpen(false)` closes without moving the focus (after
 * a successful submit, when the page shows what changed).
 */
export function useDisclosure(firstFieldId: string) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  return {
    open,
    setOpen,
    /** Give to the button that opens the form. */
    toggle,
    show: () => {
      setOpen(true);
      requestAnimationFrame(() => document.getElementById(firstFieldId)?.focus());
    },
    hide: () => {
      setOpen(false);
      requestAnimationFrame(() => toggle.current?.focus());
    },
  };
}
