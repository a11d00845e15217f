/**
 * How a citizen learns that a result waits at the post office. Today the clerk phones and then
 * presses "Đã báo"; an SMS gateway is a later integration that implements the same interface,
 * so the service and the list do not change when it comes.
 */
export interface ResultNotice {
  dossierId: number;
  phone: string;
  citizenName: string;
  returnItemNumber: string;
  officeName: string;
}

export interface NoticeSent {
  /** how the citizen was told: by the clerk on the phone, or by a message the app sent */
  channel: 'clerk-phoned' | 'sms';
  at: Date;
}

export interface CitizenNotifier {
  notify(notice: ResultNotice): Promise<NoticeSent>;
}

/** The clerk has phoned the citizen: nothing to send, the time is now. */
export const clerkPhoned = (now: () => Date): CitizenNotifier => ({
  notify: async () => ({ channel: 'clerk-phoned', at: now() }),
});
