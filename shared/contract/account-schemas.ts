import { z } from 'zod';
import { bilingual } from './validation-words.js';
import { cleanText } from '../text/fold.js';

/** What a person may do grows with the role: a supervisor can do all a clerk can, and so on. */
export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** A clerk's code as typed at sign-in: case and surrounding spaces do not matter. */
export const ClerkCodeSchema = z
  .string()
  .max(40)
  .transform((c) => c.trim().toLowerCase())
  .pipe(
    z.string().regex(/^[a-z0-9._-]{2,40}$/, {
      message: bilingual('chỉ gồm chữ không dấu, số, dấu chấm, gạch (2–40 ký tự)', 'letters without accents, digits, dot or dash only (2–40 characters)'),
    }),
  );

/** Checked only when a secret is set; at sign-in any length up to the ceiling is simply compared. */
export const NewSecretSchema = z
  .string()
  .max(200)
  .refine((s) => s.length >= 6, { message: bilingual('cần ít nhất 6 ký tự', 'needs at least 6 characters') });

export const ClerkNameSchema = z.string().max(120).transform(cleanText).pipe(z.string().min(1));

export const SignInInputSchema = z.object({ clerkCode: ClerkCodeSchema, secret: z.string().max(200) });

export const NewAccountSchema = z.object({ clerkCode: ClerkCodeSchema, clerkName: ClerkNameSchema, role: RoleSchema, secret: NewSecretSchema });

export const SignedInClerkSchema = z.object({ code: z.string(), name: z.string(), role: RoleSchema });

export const SessionStateSchema = z.object({
  /** no account yet: only the first administrator can be created */
  needsSetup: z.boolean(),
  /** the clerk signed in on this connection, null when nobody is */
  clerk: SignedInClerkSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  lang: z.enum(['vi', 'en']),
  office: z.object({ code: z.string(), name: z.string() }),
  counter: z.string(),
  /** the counter runs on its training database: the sign-in screen shows the band too */
  training: z.boolean(),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

/** Returned by sign-in: browser mode sends `token` back on each call; a MessagePort needs nothing. */
export const SignedInSchema = z.object({ token: z.string(), clerk: SignedInClerkSchema });

export const AccountSchema = z.object({
  code: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;
