public import Domain
public import Foundation

/// The outbox events of the features (issue 14 item 2): one builder per event type,
/// each with a payload a receiver can act on without calling back. Payloads are JSON
/// objects with `snake_case` keys (``SheafJSON``), money in minor units with its
/// currency, dates as `YYYY-MM-DD`, and the subject's API path in the event's `link`.
///
/// A service appends the event in the transaction of its change:
/// `try await OutboxStore().append(try OutboxEvents.invoice(.invoiceIssued, view, …), on: tx)`.
public enum OutboxEvents {
    /// An event with `payload` encoded.
    public static func event(
        _ type: OutboxEventType, at date: Date, subjectType: String, subjectID: String, link: String, payload: some Encodable
    ) throws -> OutboxEvent {
        OutboxEvent(
            type: type, occurredAt: date, subjectType: subjectType, subjectID: subjectID, link: "/api/v1" + link,
            payload: try SheafJSON.string(payload))
    }
}
