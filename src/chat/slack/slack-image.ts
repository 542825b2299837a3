/**
 * Posts a reply's picture (the incident map) with the files API: WebClient.filesUploadV2 asks
 * files.getUploadURLExternal for an upload URL, sends the bytes there and shares the file with
 * files.completeUploadExternal, with the text fallback as its comment. Ephemeral replies cannot
 * carry files, so the picture goes to the channel or the caller's DMs and the reply says where.
 */
import type { webApi } from '@slack/bolt';
import type { ReplyImage } from '../../command/command-types.js';
import { slackErrorCode } from './slack-errors.js';

/** Slack accepts files up to 1 GB; a map is far smaller, but a runaway picture is refused here. */
export const SLACK_MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export interface ImageTarget {
  readonly channelId: string;
  readonly userId: string;
  /** The reply must be ephemeral (a button click): the picture goes to the caller's DMs. */
  readonly forceDm: boolean;
}

export type ImageOutcome =
  | { readonly ok: true; readonly where: 'channel' | 'dm' }
  | { readonly ok: false; readonly message: string };

const NOT_HERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export async function postSlackImage(
  client: webApi.WebClient,
  image: ReplyImage,
  target: ImageTarget,
): Promise<ImageOutcome> {
  if (image.png.byteLength > SLACK_MAX_IMAGE_BYTES) {
    return { ok: false, message: 'The picture is too large for Slack; try a shorter period.' };
  }
  const where = image.target === 'dm' || target.forceDm ? 'dm' : 'channel';
  try {
    const channel =
      where === 'channel'
        ? target.channelId
        : ((await client.conversations.open({ users: target.userId })).channel?.id ?? '');
    await client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(image.png),
      filename: image.filename,
      title: image.title,
      alt_text: image.altText,
      initial_comment: image.altText,
    });
    return { ok: true, where };
  } catch (err) {
    const code = slackErrorCode(err);
    if (where === 'channel' && code && NOT_HERE.has(code)) {
      return {
        ok: false,
        message:
          'I cannot post files in this channel: invite the sitrep app here, or add --dm to get the map by direct message.',
      };
    }
    throw err;
  }
}
