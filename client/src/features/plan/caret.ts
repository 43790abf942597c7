import { readableTextOn, safeColor } from './colors';

/**
 * Another user's caret in the rich text, with their name. Hidden from
 * assistive technology: it sits in the middle of the text being read; the
 * presence list says who is here.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = safeColor(user.color);
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.style.color = readableTextOn(color);
  label.textContent = typeof user.name === 'string' ? user.name : 'Onbekend';
  caret.append(label);
  return caret;
}
