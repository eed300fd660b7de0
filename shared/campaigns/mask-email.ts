/**
 * An address as the unsubscribe page shows it: enough for its owner to recognise (first letter of the
 * name and of the domain, the top-level domain), too little to learn it from a forwarded link.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}•••@${domain[0] ?? ''}•••${tld}`;
}
