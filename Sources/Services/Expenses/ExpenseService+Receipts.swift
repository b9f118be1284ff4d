import Crypto
public import Domain
public import Foundation
import Postgres
import Storage

/// The upload was none of the receipt types Sheaf keeps (the API answers 415).
public struct UnsupportedReceiptType: Error, Sendable {
    public var message: String {
        "A receipt must be a PDF, PNG, JPEG or HEIC file that reads as one; the type is recognised from the file's content, not its name."
    }
}

extension ExpenseService {
    /// Attaches a receipt to the caller's own open expense. The type comes from the
    /// bytes; `fileName` (as the client named it) is sanitized.
    /// - Throws: 404/403/409 like an update; ``DomainError/invalid(_:)`` on `file` for
    ///   an empty body; ``UnsupportedReceiptType`` when not PDF/PNG/JPEG/HEIC; 409 when
    ///   the expense already carries ``ExpenseReceipt/maximumPerExpense`` receipts.
    public func addReceipt(to id: ExpenseID, data: Data, fileName: String?, caller: Caller) async throws -> ExpenseReceipt {
        try await pool.withTransaction { tx in
            let expense = try await lockedOwnExpense(id, expectedVersion: nil, caller: caller, on: tx)
            guard !data.isEmpty else { throw DomainError.invalid(field: "file", message: "is empty: send the receipt's bytes as the request body") }
            guard let type = ReceiptType.sniff(data), type.isWellFormed(data) else { throw UnsupportedReceiptType() }
            guard try await receipts.count(of: id, on: tx) < ExpenseReceipt.maximumPerExpense else {
                throw DomainError.conflict("An expense carries at most \(ExpenseReceipt.maximumPerExpense) receipts; remove one first.")
            }
            let receipt = ExpenseReceipt(
                id: .random(), expenseID: expense.id, fileName: ExpenseReceipt.sanitizedFileName(fileName, type: type), type: type,
                byteSize: data.count, sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                uploadedBy: caller.user.id, uploadedAt: clock.now())
            try await receipts.insert(receipt, data: data, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .expenseReceiptAdded, subjectType: .expense, subjectID: id.description,
                    after: try AuditJSON.receipt(receipt)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return receipt
        }
    }

    /// The receipts of an expense the caller may see.
    public func receipts(of id: ExpenseID, caller: Caller) async throws -> [ExpenseReceipt] {
        guard let receipts = try await get(id, caller: caller).receipts else { throw DomainError.notFound(entity: "receipt") }
        return receipts
    }

    /// One receipt and its bytes, for download.
    public func downloadReceipt(_ receiptID: ReceiptID, of id: ExpenseID, caller: Caller) async throws -> (receipt: ExpenseReceipt, data: Data) {
        guard let expense = try await expenses.find(id, on: pool) else { throw DomainError.notFound(entity: "expense") }
        try await requireVisible(expense, caller: caller, on: pool)
        guard Self.seesReceipts(caller), let receipt = try await receipts.find(receiptID, of: id, on: pool),
            let data = try await receipts.data(receiptID, of: id, on: pool)
        else { throw DomainError.notFound(entity: "receipt") }
        return (receipt, data)
    }

    /// Removes a receipt from the caller's own open expense.
    public func removeReceipt(_ receiptID: ReceiptID, of id: ExpenseID, caller: Caller) async throws {
        try await pool.withTransaction { tx in
            _ = try await lockedOwnExpense(id, expectedVersion: nil, caller: caller, on: tx)
            guard let receipt = try await receipts.find(receiptID, of: id, on: tx) else { throw DomainError.notFound(entity: "receipt") }
            guard try await receipts.delete(receiptID, of: id, on: tx) else { throw DomainError.notFound(entity: "receipt") }
            try await audit.append(
                AuditEntry(
                    action: .expenseReceiptRemoved, subjectType: .expense, subjectID: id.description,
                    before: try AuditJSON.receipt(receipt)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }
}
