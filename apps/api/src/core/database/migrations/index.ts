import { Extensions1764000000000 } from './1764000000000-extensions.js';
import { Identity1764000000100 } from './1764000000100-identity.js';
import { Geography1764000000200 } from './1764000000200-geography.js';
import { Organisations1764000000300 } from './1764000000300-organisations.js';
import { OrganisationInvitations1764000000350 } from './1764000000350-organisation-invitations.js';
import { Catalog1764000000400 } from './1764000000400-catalog.js';
import { ShippingRules1764000000500 } from './1764000000500-shipping-rules.js';
import { Orders1764000000550 } from './1764000000550-orders.js';

/** Every migration, oldest first. New capabilities append theirs here. */
export const migrations = [
  Extensions1764000000000,
  Identity1764000000100,
  Geography1764000000200,
  Organisations1764000000300,
  OrganisationInvitations1764000000350,
  Catalog1764000000400,
  ShippingRules1764000000500,
  Orders1764000000550,
];
