import Foundation
import ArgumentParser
import RapportCore
import RapportServer

/// `rapport user`: the people who sign in to the pages and their API tokens.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add users, list them, and give them API tokens.",
        subcommands: [Add.self, List.self, Token.self, Link.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints a generated password unless one comes on standard input.")

        @Argument(help: "The e-mail the user signs in with.")
        var email: String

        @Option(help: "admin (everything, users included), marketer (changes customers, segments, campaigns) or analyst (reads only).")
        var role = "analyst"

        @Option(help: "The name shown on the pages.")
        var name: String?

        @Flag(help: "Read the password from the first line of standard input instead of generating one.")
        var passwordStdin = false

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                guard let role = Role(rawValue: role) else {
                    throw CommandFailure("--role must be admin, marketer or analyst, not '\(role)'.")
                }
                let address: EmailAddress
                do throws(RapportCore.ValidationError) { address = try EmailAddress(email) } catch {
                    throw CommandFailure("\(error)")
                }
                let password: String
                if passwordStdin {
                    guard let line = readLine(strippingNewline: true) else { throw CommandFailure("no password on standard input.") }
                    password = line
                } else {
                    password = String(Credentials.newToken().dropFirst(4).prefix(20))
                }
                if let problem = Credentials.passwordProblem(password) { throw CommandFailure(problem + ".") }
                let store = try options.open()
                let user = try store.createUser(
                    UserAccount(
                        email: address.value, name: name ?? address.value, role: role,
                        passwordHash: Credentials.hashPassword(password, cost: 12), createdAt: SystemClock().now))
                print("Added \(user.email) (\(user.role.rawValue)).")
                if !passwordStdin { print("Password (shown once): \(password)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every user with their role.")

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let users = try options.open().users()
                if users.isEmpty { print("No user yet: rapport user add EMAIL --role admin") }
                for user in users {
                    print("\(user.email)  \(user.role.rawValue)\(user.disabled ? "  (disabled)" : "")  \(user.name)")
                }
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user (shown once; the base keeps only its hash).")

        @Argument(help: "The user's e-mail.")
        var email: String

        @Option(help: "What the token is for.")
        var name = "api"

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                guard let user = try store.user(email: email) else { throw CommandFailure("no user \(email): rapport user list") }
                let token = Credentials.newToken()
                _ = try store.createToken(
                    APITokenRecord(
                        userID: user.id, name: name, tokenHash: Credentials.tokenHash(token), prefix: String(token.prefix(8)),
                        createdAt: SystemClock().now))
                print("Token for \(user.email) (\(user.role.rawValue)), shown once:")
                print(token)
                print("Use it as: Authorization: Bearer \(token)")
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a one-time sign-in link for a user (valid ten minutes, usable once).",
            discussion: "For a first sign-in, a forgotten password, or a browser driven by a script.")

        @Argument(help: "The user's e-mail.")
        var email: String

        @Option(help: "The server's address as users reach it.")
        var url = "http://127.0.0.1:8080"

        @Option(help: "The page to open once signed in.")
        var next = "/"

        @OptionGroup var options: DatabaseOptions

        func run() throws {
            try reportingErrors {
                let store = try options.open()
                guard let user = try store.user(email: email), !user.disabled else {
                    throw CommandFailure("no active user \(email): rapport user list")
                }
                let token = try SignInLinks.create(for: user, in: store, now: SystemClock().now)
                let base = url.hasSuffix("/") ? String(url.dropLast()) : url
                let page = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                print("\(base)/login/link?token=\(token)&next=\(page)")
            }
        }
    }
}
