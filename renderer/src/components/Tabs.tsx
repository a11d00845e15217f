import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** `shortcut`: the tab's own key, shown on it as intake shows its keys on its buttons */
export type TabItem<K extends string> = { key: K; label: string; panel: ReactNode; shortcut?: { aria: string; label: string } };

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * Tabs whose panels all stay mounted, the others hidden: a panel keeps what was typed in it,
 * and what it loads on arrival (and records, like a look at the register) still happens once.
 * Arrows move between the tabs as in every group on the counter; Tab goes into the panel.
 */
export function Tabs<K extends string>({ label, tabs, chosen, onChoose }: { label: string; tabs: TabItem<K>[]; chosen: K; onChoose: (key: K) => void }) {
  const id = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const step = STEP[e.key];
    if (!step) return;
    e.preventDefault();
    const to = step(i, tabs.length);
    onChoose(tabs[to]!.key);
    buttons.current[to]?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((tab, i) => (
          <button
            key={tab.key}
            ref={(el) => void (buttons.current[i] = el)}
            type="button"
            role="tab"
            id={`${id}-${tab.key}`}
            aria-controls={`${id}-${tab.key}-panel`}
            aria-selected={tab.key === chosen}
            tabIndex={tab.key === chosen ? 0 : -1}
            className={tab.key === chosen ? 'tab chosen' : 'tab'}
            onClick={() => onChoose(tab.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
            aria-keyshortcuts={tab.shortcut?.aria}
          >
            {tab.label}
            {tab.shortcut && <kbd aria-hidden="true">{tab.shortcut.label}</kbd>}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`${id}-${tab.key}-panel`} aria-labelledby={`${id}-${tab.key}`} hidden={tab.key !== chosen}>
          {tab.panel}
        </div>
      ))}
    </>
  );
}
