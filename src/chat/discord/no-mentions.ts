/** Sent with every message body: nothing in a message may ping anyone (@everyone in a headline). */
import type { APIAllowedMentions } from 'discord.js';

export const NO_MENTIONS: Readonly<APIAllowedMentions> = Object.freeze({ parse: [] });
