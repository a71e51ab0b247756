import { activityImporter, contactImporter } from './children.js';
import { customerImporter } from './customers.js';
import type { Importer } from './importer.js';

/** Core's importable entities; plugins add theirs with `importers` in their definition. */
export const CORE_IMPORTERS: readonly Importer[] = [customerImporter, contactImporter, activityImporter];
