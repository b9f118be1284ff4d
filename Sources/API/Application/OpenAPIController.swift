import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document compiled into the binary from `Resources/openapi.yaml`,
/// and a small index at `/` and `/api/v1` that points to it (a newcomer's first
/// request should not be a bare 404).
struct OpenAPIController {
    static let document: String = embeddedResourceFiles.first { $0.name == "openapi.yaml" }?.text ?? ""

    func register(on router: Router<SheafRequestContext>) {
        router.get("/api/v1/openapi.yaml", use: document)
        router.get("/", use: index)
        router.get("/api/v1", use: index)
    }

    /// What this server is and where to read more.
    @Sendable func index(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let body = #"{"api":"/api/v1","documentation":"/api/v1/openapi.yaml","health":"/healthz","login":"POST /api/v1/sessions","name":"Sheaf","readiness":"/readyz"}"#
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
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
