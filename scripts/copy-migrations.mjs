// tsc compiles the core but does not copy its SQL migrations; the built core reads them from beside itself.
import { cpSync } from 'node:fs';

cpSync('electron/core/db/migrations', 'dist/electron/core/db/migrations', { recursive: true });
