import { useEffect, useRef } from 'react';

/** Asks for the next page when it scrolls into view (or is pressed). */
export function MoreOnScroll({ onMore, label }: { onMore: () => void; label: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // In view inside the list that scrolls, whatever is around it on the page.
    const root = ref.current?.closest('.windowed') ?? null;
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), { root });
    if (ref.current) seen.observe(ref.current);
    return () => seen.disconnect();
  }, [onMore]);
  return (
    <button ref={ref} type="button" className="secondary more" onClick={onMore}>
      {label}
    </button>
  );
}
