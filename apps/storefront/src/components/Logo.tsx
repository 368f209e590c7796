export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 64 64" width="36" height="36" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#14532d" />
      <path d="M32 12c-9 8-14 16-14 24a14 14 0 0 0 28 0c0-8-5-16-14-24Z" fill="#facc15" />
      <path d="M32 24v26" stroke="#14532d" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
