# A database written by the last allo of schema 4 (tests/data/migrate/schema4.sql, remade by
# make-schema4.sh there) is brought to the current schema when opened: its export ids do not
# change, its do-not-call numbers become keyed hashes that still refuse the number, and the
# plain numbers of the old list are left nowhere in the file.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
D=$DATA/migrate
q() { sqlite3 s.db "$1"; }

sqlite3 s.db < "$D/schema4.sql"
q "UPDATE meta SET value = '$(id -u)' WHERE key = 'owner_uid'"
secret=$(q "SELECT value FROM meta WHERE key = 'export_secret'")
expect_eq migrate-fixture "$(q 'PRAGMA user_version')" 4

export ALLO_NOW=2026-11-21T09:30:00Z
expect_status migrate-open 0 "$ALLO" wave list s.db --as chef
expect_eq migrate-version "$(q 'PRAGMA user_version')" 7
expect_eq migrate-wave-secret "$(q "SELECT secret FROM waves WHERE name = 'w1'")" "$secret"
expect_eq migrate-meta-secret "$(q "SELECT count(*) FROM meta WHERE key = 'export_secret'")" 0
# The plain number of the old list was only in its table: the migration leaves it nowhere.
expect_eq migrate-dnc-gone "$(cat s.db s.db-wal 2>/dev/null | strings | grep -c 465719999)" 0

# The export of the migrated wave gives the ids the old allo gave.
expect_status migrate-export 0 "$ALLO" export s.db --wave w1 --out exp --formats csv --as chef
expect_eq migrate-ids "$(cut -d, -f1 exp/w1.csv)" "$(cat "$D/schema4-ids.csv")"

# The old list's number is now its HMAC-SHA256 under the database's key, and still refused.
key=$(q "SELECT value FROM meta WHERE key = 'dnc_key'")
if command -v openssl >/dev/null 2>&1; then
	mac=$(printf %s +33465719999 | openssl dgst -sha256 -hmac "$key" | sed 's/.*= *//')
	expect_eq migrate-dnc-hash "$(q 'SELECT hash FROM dnc')" "$mac"
else
	skip migrate-dnc-hash "no openssl"
fi
expect_eq migrate-dnc-by "$(q 'SELECT added_by || " " || added_at FROM dnc')" "chef 2026-11-20T09:30:00Z"
printf 'id,phone,quartier,adresse,name\nN001,04 65 71 99 99,1,1 rue Neuve,Nouveau\n' > w2.csv
expect_status migrate-dnc-import 0 "$ALLO" sample import s.db w2.csv --wave w2 --as chef
expect_eq migrate-dnc-refused "$(q "SELECT state || ' ' || final_code FROM cases WHERE id = 'N001'")" \
	"final 0.10"
expect_eq migrate-dnc-no-contact "$(q "SELECT count(*) FROM contacts WHERE case_id = 'N001'")" 0
