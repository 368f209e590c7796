export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A status in words with a colour; the words carry the meaning, the colour only helps. */
export function StatusBadge({ tone, children, testId }: { tone: Tone; children: string; testId?: string }) {
  return (
    <span className={`status-badge status-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
