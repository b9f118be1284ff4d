import Domain
import Hummingbird

extension SheafContext {
    /// A typed id from the path; a value that is not a UUID cannot name anything, so it
    /// is "not found" like an unknown id.
    func pathID<Entity>(_ name: String = "id", entity: String, as type: ID<Entity>.Type = ID<Entity>.self) throws -> ID<Entity> {
        guard let id = parameters.get(name).flatMap(ID<Entity>.init(uuidString:)) else {
            throw DomainError.notFound(entity: entity)
        }
        return id
    }
}
