// tsc compiles the core but does not copy its SQL migrations; the built core reads them from beside itself.
import { cpSync } from 'node:fs';

for (const folder of ['migrations', 'migrations-pg']) {
  cpSync(`electron/core/db/${folder}`, `dist/electron/core/db/${folder}`, { recursive: true });
}
