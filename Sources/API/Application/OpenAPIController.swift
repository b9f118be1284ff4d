import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document compiled into the binary from `Resources/openapi.yaml`.
struct OpenAPIController {
    static let document: String = embeddedResourceFiles.first { $0.name == "openapi.yaml" }?.text ?? ""

    func register(on router: Router<SheafRequestContext>) {
        router.get("/api/v1/openapi.yaml", use: document)
    }

    @Sendable func document(_ request: Request, context: SheafRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: Self.document)))
    }
}

/// The OpenAPI document as shipped, for tests that compare it with the router.
public enum OpenAPIDocument {
    public static var text: String { OpenAPIController.document }
}
