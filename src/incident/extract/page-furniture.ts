/**
 * Page furniture: the text around a news story that is not the story — donation appeals,
 * subscription and login prompts, newsletter and cookie banners, media-player text, navigation
 * ("Skip to main content", "Read more"), share/comment widgets, photo credits and captions,
 * bylines and datelines. Patterns describe kinds of text, not any one outlet's wording.
 */

const FURNITURE_PATTERNS: readonly RegExp[] = [
  // Navigation and widgets.
  /^\s*(skip to (main )?(content|navigation)|accessibility links?|breaking news|advertisement|sponsored( content)?|read more|read next|related( articles| stories)?|more on [^.]*:?|most (read|popular)|trending|share( this)?( article| story)?|comments?|show comments|view comments|print|email|menu|search|home|close|next|previous|back to top|loading\.*|please wait\.*)\s*[:.!]?\s*$/i,
  /\b(skip to (main )?content|click here|tap here|follow us on|share (this|on) (article|story|facebook|twitter|x)|copy link|link copied)\b/i,
  // Subscriptions, accounts, newsletters, paywalls.
  /\b(subscribe|subscriber|subscription|sign up|signing in|sign in|log ?in|log into|logged in|register (now|for free)|create an? (free )?account|newsletter|inbox|paywall|premium (content|subscription|access)|unlock (this|full|unlimited)|free trial|already have an account|card on file)\b/i,
  /\b(bookmark (this|your)|bookmarks?|reading list|save (this )?(article|story) for later)\b/i,
  // Donation and support appeals, outlet self-promotion.
  /\b(your (support|donation|contribution)|donat(e|ion|ing)\b|support (us|our (journalism|work|reporting)|independent journalism|quality journalism)|make a (contribution|gift)|become a (member|supporter|patron))/i,
  // First-person plural (lower-case "us", never "US") about the outlet's own work.
  /\b([Ww]e|[Oo]ur|us)\b[^.]*\b([Jj]ournalism|journalists|reporters|reporting|newsroom|readers|paywalls?|storytelling)\b/,
  /\b(journalism|reporting) (should be|is) (available|free|funded)/i,
  // Cookies and consent.
  /\b(cookies?|privacy (policy|settings|notice)|terms (of|and) (use|service|conditions)|accept all|manage (preferences|settings))\b/i,
  // Comments and community.
  /\b(join (our|the) (commenting|conversation|community|discussion)|commenting forum|community guidelines|leave a comment|post a comment)\b/i,
  /\b(keep up to date with|stay up to date|stay informed|get the latest|download (our|the) app|follow (our|the) (live|latest))\b/i,
  // Media players.
  /\b(no media source|media source currently|video (player|unavailable|is not available)|your browser does not support|enable javascript|playback|autoplay|now playing|watch (now|live|the video)|listen (now|to this|live))\b/i,
  /^\s*\d{1,2}:\d{2}(:\d{2})?(\s+\d{1,2}:\d{2}(:\d{2})?)*\s*$/,
  /(^|\s)\d{1,2}:\d{2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{1,2}:\d{2}(\s|$)/,
  // Photo credits and captions.
  /\b(image|photo|picture|video|graphic)\s*(credit|courtesy|:|by)\b/i,
  /\b(pictured|in this (file )?(photo|image|picture)|photo taken|seen in this)\b/i,
  /\b(getty images|via getty|afp via|shutterstock|file photo|\(file\)|\(photo\)|\(reuters\)\s*$|\(ap photo)/i,
  // Bylines, timestamps and copyright.
  /^\s*([Bb]y|[Ww]ritten by|[Rr]eporting by|[Ee]dited by|[Ww]ords by)\s+[A-Z][\p{L}'-]+(\s+[A-Z][\p{L}'-]+)*(\s*(,|and|&)\s*[A-Z][\p{L}'-]+(\s+[A-Z][\p{L}'-]+)*)*\s*$/u,
  /^\s*(published|posted|updated|last updated|first published)\b[^.]{0,60}$/i,
  /(©|\(c\)|copyright|all rights reserved)/i,
  /^\s*[A-Z]{1,3}(\s+[A-Z]{1,3})*\s*$/, // font-size pickers ("XS SM MD LG") and similar
];

/** Text outside quotation marks (an unclosed quote runs to the end). */
function unquoted(text: string): string {
  return text.replace(/[“"][^”"]*(?:[”"]|$)/g, ' ').replace(/‘[^’]*(?:’|$)/g, ' ');
}

/** The outlet speaking in the first person plural outside any quote ("we need reporters"). */
function isOutletVoice(text: string): boolean {
  return /\b([Ww]e|[Oo]ur|[Oo]urs|us)\b/.test(unquoted(text));
}

/** True when a line or sentence is page furniture rather than story text. */
export function isFurniture(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return true;
  return FURNITURE_PATTERNS.some((re) => re.test(t)) || isOutletVoice(t);
}

/**
 * Drops furniture from a sequence of sentences. Also drops a sentence sandwiched between two
 * furniture sentences that are both the outlet speaking (an appeal block: the sentences of a
 * donation appeal that name neither "we" nor a donation), and repeated captions.
 */
export function dropFurniture(sentences: readonly string[]): string[] {
  const furniture = sentences.map(isFurniture);
  const appeal = sentences.map(
    (s, i) => (furniture[i] ?? false) && (isOutletVoice(s) || /\b(support|donat)/i.test(s)),
  );
  const out: string[] = [];
  sentences.forEach((s, i) => {
    if (furniture[i]) return;
    const before = appeal.slice(Math.max(0, i - 2), i).some(Boolean);
    const after = appeal.slice(i + 1, i + 3).some(Boolean);
    if (before && after) return;
    if (out[out.length - 1] === s) return;
    out.push(s);
  });
  return out;
}

/**
 * True when a line is a heading or caption rather than a sentence: short, no closing
 * punctuation, mostly capitalised words ("People Inspect A Vehicle After A Strike").
 */
export function isHeadingLike(text: string): boolean {
  const t = text.trim();
  if (/[.!?”"’)]$/.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length <= 3) return true;
  const capitalised = words.filter((w) => /^\P{Ll}/u.test(w)).length;
  return capitalised / words.length >= 0.7;
}
