import ArgumentParser

/// The `eenloket` command: one executable, several jobs.
@main
struct Eenloket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eenloket",
        abstract: "Eenloket: one intake point for sick-leave questions and disputes, with binding rulings.",
        subcommands: [ServeCommand.self, MigrateCommand.self, VerifyRulingsCommand.self, RetentionCommand.self],
        defaultSubcommand: ServeCommand.self)
}
