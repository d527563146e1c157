import NetLabKit

extension StaticRoot {
    /// Maps a request target (`/docs/a%20b.html?x=1`) to what it names under the root.
    ///
    /// TODO:
    /// 1. Take the path: cut the query (`?…`) and fragment (`#…`). Origin-form starts with
    ///    `/`; absolute-form `http://host/path` (what proxies receive) gives `/path`.
    ///    Anything else is `.badRequest`.
    /// 2. Percent-decode it FIRST (bad encoding: `.badRequest`), THEN split on `/`. Decoding
    ///    after the checks is the classic hole: `%2e%2e%2f` is `../`.
    /// 3. Any `..` segment: `.forbidden`. Skip empty and `.` segments.
    /// 4. `FileSystem.realPath` the joined path (nil: `.notFound`) and check that the result
    ///    is the root or starts with `root + "/"` (a symlink may lead anywhere; and
    ///    `/srv/www-secret` starts with `/srv/www` but is not inside it).
    /// 5. `FileSystem.info`: a directory asked for without a trailing `/` redirects to the
    ///    same path plus `/`; a regular file is `.file`; anything else is `.forbidden`.
    public func resolve(target: String) throws -> Resolution {
        throw NotImplemented("StaticRoot.resolve")
    }
}
