// Sort keys for listings: versions in numeric order with $LATEST first.

import { LATEST } from './model.js';

export const versionKey = (version: string): string => (version === LATEST ? '0' : version).padStart(10, '0');
