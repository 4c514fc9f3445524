import ArgumentParser

/// `usagetop store …`: looking after the usage store itself.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Look after the usage store.", subcommands: [PruneCommand.self])
}
