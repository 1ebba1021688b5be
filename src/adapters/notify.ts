import { notifications } from "../db/schema.js";
import type { Tx } from "./db/index.js";

/** One message to a person: an e-mail or an SMS, already written in the recipient's language. */
export interface NotificationMessage {
  channel: "email" | "sms";
  recipient: string;
  subject: string;
  body: string;
  lang: string;
  userId?: string | null;
  /** When the message was written (the injected clock's now). */
  at: Date;
}

/**
 * Sends notifications. `send` runs inside the caller's transaction, so a message exists exactly when
 * the change that caused it commits (an outbox: a delivery worker would read the table and set
 * `sent_at`; real SMTP/SMS delivery is not part of this build).
 */
export interface Notifier {
  send(tx: Tx, message: NotificationMessage): Promise<void>;
}

/** The outbox notifier: stores each message in `notifications`; in demo mode it is marked as demo. */
export function outboxNotifier(opts: { demo: boolean }): Notifier {
  return {
    async send(tx, message) {
      await tx.insert(notifications).values({
        channel: message.channel,
        recipient: message.recipient,
        userId: message.userId ?? null,
        lang: message.lang,
        subject: message.subject,
        body: message.body,
        isDemo: opts.demo,
        createdAt: message.at,
      });
    },
  };
}
