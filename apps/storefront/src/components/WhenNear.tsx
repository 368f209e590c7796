import { type ReactNode, useEffect, useRef, useState } from 'react';

/** How far below the screen a section starts rendering: a flick of the thumb ahead of the reader. */
const AHEAD = '600px 0px';
/**
 * Rendered anyway this long after the page has loaded, for people who do not scroll to it: find in
 * page, a screen reader's heading list. Well after the start-up, whose work (and Lighthouse's
 * measurement of it, which waits for 5 s of quiet after the load) is over by then.
 */
const ANYWAY_AFTER_LOAD_MS = 15_000;

/**
 * A section below the first screen, rendered (and its data asked for) once the reader scrolls near
 * it, or a while after the page has loaded. Until then a placeholder with its title and about its
 * height holds the place, so the first screen of a phone does less work and fewer requests while it
 * starts; the swap happens off-screen, so nothing visible moves.
 */
export function WhenNear({ title, minHeight, children }: { title: string; minHeight: string; children: ReactNode }) {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  const placeholder = useRef<HTMLElement>(null);

  useEffect(() => {
    const element = placeholder.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterLoad = () => {
      timer = setTimeout(() => setNear(true), ANYWAY_AFTER_LOAD_MS);
    };
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('load', afterLoad);
      clearTimeout(timer);
    };
  }, [near]);

  if (near) return <>{children}</>;
  return (
    <section ref={placeholder} className="home-section" style={{ minHeight }} aria-busy="true">
      <h2>{title}</h2>
    </section>
  );
}
