import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * Brings the element the URL's `#fragment` names into view, and focuses it
 * when it can take the focus (a heading with tabIndex -1). React Router does
 * not, and the element may come later (a tab switched, a section loaded
 * lazily): it is looked for until it appears, for up to `waitMs`. The first
 * look waits a tick, after the layout has focused the page's heading.
 */
export function useHashTarget(waitMs = 5000): void {
  const { hash, key } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.replace(/^#/, ''));
    if (!id) return;
    const observer = new MutationObserver(look);
    const first = setTimeout(look, 0);
    const timer = setTimeout(stop, waitMs);
    function look() {
      const el = document.getElementById(id);
      if (!el) return;
      stop();
      el.scrollIntoView({ block: 'start' });
      if (el.hasAttribute('tabindex')) el.focus({ preventScroll: true });
    }
    function stop() {
      observer.disconnect();
      clearTimeout(first);
      clearTimeout(timer);
    }
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
  }, [hash, key, waitMs]);
}
