import Domain
import Foundation
import Hummingbird
import Services

/// Bodies of action POSTs (`…/{id}/<verb>`) whose fields are all optional, and the
/// answers that hand out a signed validation link.

/// `{"expires_in_hours": 1…720}` of an action that issues a signed link, or no body.
struct LinkLifetimeRequest: Decodable {
    let expiresInHours: Int?
    enum CodingKeys: CodingKey { case expiresInHours }

    init(from decoder: any Decoder) throws {
        expiresInHours = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeWholeNumberChange(forKey: .expiresInHours)
    }
}

/// A signed validation link in an answer.
enum SignedLink {
    /// The link of `token` under `SHEAF_PUBLIC_URL` ("" gives a relative link).
    static func url(_ publicURL: String, token: String) -> String {
        ClientValidationService.linkURL(publicURL, token: token)
    }

    /// The answer carries a bearer capability: keep it out of every cache.
    static func uncached(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// `{"comment": "…"}` of a client decision, or no body.
struct CommentRequest: Decodable {
    let comment: String?
    enum CodingKeys: CodingKey { case comment }

    init(from decoder: any Decoder) throws {
        comment = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeOptional(String.self, forKey: .comment)
    }
}

/// A JSON body that may be left out (an action POST with only optional fields).
enum OptionalJSONBody {
    /// nil for an empty body; otherwise as ``JSONBody/decode(_:from:context:)``.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some SheafContext) async throws -> T? {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        guard !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return nil }
        try JSONRequestChecks.check(request, body: data)
        do {
            return try SheafJSON.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw JSONBody.describe(error)
        }
    }
}
