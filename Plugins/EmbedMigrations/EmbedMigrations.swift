import Foundation
import PackagePlugin

/// Compiles text files into a module so the installed binary carries them and never
/// looks for them relative to a working directory or a resource bundle:
/// - Storage gets `sql/*.sql` as `embeddedMigrationFiles`;
/// - any other target gets its `Resources/` folder as `embeddedResourceFiles`.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let isStorage = target.name == "Storage"
        let directory = isStorage
            ? context.package.directoryURL.appending(path: "sql")
            : target.directoryURL.appending(path: "Resources")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { isStorage ? $0.pathExtension == "sql" : !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let variable = isStorage ? "embeddedMigrationFiles" : "embeddedResourceFiles"
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded_\(variable).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files into \(target.name)",
                executable: try context.tool(named: "EmbedMigrationsTool").url,
                arguments: [output.path, variable] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
