import { useCallback } from 'react';
import { useT } from '../i18n.js';

/** How long a result has waited, in the largest two units: "2 ngày 3 giờ", "45 phút". */
export function useWaited(): (minutes: number) => string {
  const t = useT();
  return useCallback(
    (minutes: number) => {
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      if (days > 0) return `${days} ${t('waitedDays')}${hours > 0 ? ` ${hours} ${t('waitedHours')}` : ''}`;
      if (hours > 0) return `${hours} ${t('waitedHours')}`;
      return `${minutes} ${t('waitedMinutes')}`;
    },
    [t],
  );
}
