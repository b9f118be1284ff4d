public import Domain

/// One way of delivering outbox events (issue 14 items 3–4): webhooks, e-mail.
///
/// How to add a delivery channel:
/// 1. Add its case to ``DeliveryChannelKind`` (Domain) and to the `channel` CHECK of
///    `outbox_deliveries` (a migration). `webhook` and `email` exist.
/// 2. Make deliveries for it when appending the event, in the change's transaction:
///    `OutboxStore().append(event, deliveries: [NewDelivery(channel: .email, target: address,
///    message: jsonText)], on: tx)`. `target` is the recipient (unique per event and
///    channel); `message` is any JSON object the channel needs beside the event (e.g.
///    the rendered subject and bodies), fixed at append time.
/// 3. Write a type conforming to `DeliveryChannel` whose `deliver` makes ONE attempt and
///    reports it: `.succeeded`, `.retry` (temporary: the dispatcher schedules the next
///    attempt with ``DeliveryRetryPolicy``, exponential backoff with jitter for about
///    three days, then `failed`), or `.giveUp` (permanent). It must not throw for the
///    receiver's failures and should bound its own time (a short timeout): the claim's
///    lease (``OutboxDispatcher/lease``) must outlast it.
/// 4. Pass it to the ``JobRunner`` (`channels:`) where `sheaf serve` builds it.
///
/// Every attempt is recorded (`outbox_delivery_attempts`: start, duration, status,
/// error) by the dispatcher, not by the channel. Delivery is at least once: a receiver
/// deduplicates by the event id (`webhook-id`, or the e-mail's Message-ID).
public protocol DeliveryChannel: Sendable {
    var kind: DeliveryChannelKind { get }
    func deliver(_ delivery: ClaimedDelivery) async -> DeliveryResult
}
