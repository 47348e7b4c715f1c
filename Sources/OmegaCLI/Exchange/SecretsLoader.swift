import ExchangeKit
import Foundation

/// Loads a venue's keys: `OMEGA_<VENUE>_API_KEY`, `OMEGA_<VENUE>_API_SECRET` and
/// `OMEGA_<VENUE>_PASSPHRASE` from the environment, else from a secrets file of `NAME=value` lines that must
/// be mode 0600. `OMEGA_BINANCE_PRIVATE_KEY_FILE` names a PEM file (Ed25519 or RSA, also 0600) to sign with
/// instead of an HMAC secret. Errors name the variable or the file and line, never a value.
enum SecretsLoader {
    static func credentials(
        for exchange: ExchangeName,
        file: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Credentials {
        var values = environment
        if let file { for (name, value) in try read(file) where (values[name] ?? "").isEmpty { values[name] = value } }
        let prefix = exchange.environmentPrefix
        guard let key = values[prefix + "API_KEY"], !key.isEmpty else {
            throw ExchangeCommandError(
                "\(exchange) needs keys: set \(prefix)API_KEY and \(prefix)API_SECRET"
                    + (exchange == .okx || exchange == .bitget ? " and \(prefix)PASSPHRASE" : "")
                    + " in the environment or a --secrets file (mode 0600)"
            )
        }
        let passphrase = values[prefix + "PASSPHRASE"]
        if (exchange == .okx || exchange == .bitget) && (passphrase ?? "").isEmpty {
            throw ExchangeCommandError("\(exchange) needs \(prefix)PASSPHRASE as well as the key and secret")
        }
        if let path = values[prefix + "PRIVATE_KEY_FILE"], !path.isEmpty {
            try requirePrivate(path)
            guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ExchangeCommandError("\(prefix)PRIVATE_KEY_FILE: cannot read \(path)")
            }
            let ed25519 = SigningKey.ed25519(pem: Secret(pem))
            let signingKey: SigningKey = (try? Signer(ed25519)) != nil ? ed25519 : .rsa(pem: Secret(pem))
            return Credentials(apiKey: key, key: signingKey, passphrase: passphrase)
        }
        guard let secret = values[prefix + "API_SECRET"], !secret.isEmpty else {
            throw ExchangeCommandError("\(exchange): \(prefix)API_KEY is set but \(prefix)API_SECRET is not")
        }
        return Credentials(apiKey: key, secret: secret, passphrase: passphrase)
    }

    /// `NAME=value` lines; `#` comments and blank lines are skipped; quotes around a value are removed.
    static func read(_ path: String) throws -> [String: String] {
        try requirePrivate(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ExchangeCommandError("--secrets: cannot read \(path)")
        }
        var values: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                throw ExchangeCommandError("\(path):\(index + 1): expected NAME=value")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        return values
    }

    /// Refuses a file others can read or write: secrets files must be mode 0600 (or stricter).
    static func requirePrivate(_ path: String) throws {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { throw ExchangeCommandError("\(path): no such file") }
        if mode & 0o077 != 0 {
            throw ExchangeCommandError(
                "\(path) is readable by others (mode \(String(mode, radix: 8))): run chmod 600 \(path)"
            )
        }
    }
}
