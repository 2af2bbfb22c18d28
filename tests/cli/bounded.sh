# Bounded input: sample import refuses what is not a regular text file, and prints at most
# 100 errors; the driver caps a command line at 1 MiB and never echoes a long value whole.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
H='id,phone,quartier,surface,commune,name,note'
me=$(id -un)

# ASan reserves terabytes of address space: `ulimit -v` cannot hold it, so under
# ASan the memory checks are left out; everything else runs the same.
asan=0
if ldd "$ALLO" 2>/dev/null | grep -q libasan || nm "$ALLO" 2>/dev/null | grep -q __asan_init; then
	asan=1
fi
# capped CMD...: runs CMD (at most 60 s) in 200 MB of address space, unless under ASan.
capped() {
	if [ "$asan" = 1 ]; then
		timeout 60 "$@"
	else
		(ulimit -v 200000 && exec timeout 60 "$@")
	fi
}
# expect_capped NAME WANT CMD...: expect_status under capped; 70 is allo's "out of memory".
expect_capped() {
	n=$1 want=$2; shift 2
	capped "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$n"; else notok "$n" "status $got, want $want: $(head -3 "$TMP/err")"; fi
}

"$ALLO" init --test s.db "$DATA/sample/frame.yaml" >/dev/null
printf '%s\n' "$H" 'B001,04 65 71 00 01,1,54,Riom,,' >base.csv
"$ALLO" sample import s.db base.csv >/dev/null
counts() { sqlite3 s.db "SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM contacts)"; }

# Not regular files: refused on the opened descriptor, at once, exit 2, nothing read.
expect_capped device-refused 2 "$ALLO" sample import s.db /dev/zero
expect_eq device-message "$(cat err)" "allo: /dev/zero : un périphérique, pas un fichier ordinaire : allo n'importe qu'un fichier CSV"
ln -s /dev/zero zero.csv
expect_capped device-link-refused 2 "$ALLO" sample import s.db zero.csv
expect_grep device-link-message "zero.csv : un périphérique, pas un fichier ordinaire" err
mkfifo fifo.csv
expect_capped fifo-refused 2 "$ALLO" sample import s.db fifo.csv
expect_eq fifo-message "$(cat err)" "allo: fifo.csv : un tube, pas un fichier ordinaire : allo n'importe qu'un fichier CSV"
mkdir dir.csv
expect_capped directory-refused 2 "$ALLO" sample import s.db dir.csv
expect_grep directory-message "dir.csv : un dossier, pas un fichier ordinaire" err
expect_eq not-regular-nothing "$(counts)" 1/1

# NUL bytes: the reading stops at the first one, with its line; a sparse 2 GB file is refused at once.
truncate -s 2G sparse.csv
start=$(date +%s)
expect_capped sparse-refused 1 "$ALLO" sample import s.db sparse.csv
expect_eq sparse-message "$(cat err)" "sparse.csv:1: erreur : octet nul (0x00) : ce n'est pas un fichier texte (un fichier binaire, ou de l'UTF-16 ?) ; lecture arrêtée
sparse.csv : 1 erreur ; rien n'est importé"
expect_eq sparse-quick "$(( $(date +%s) - start < 5 ))" 1
# A header, then 300 MB of NUL bytes: once stored whole, the line now stops at its first byte.
printf '%s\n' "$H" >tail.csv && truncate -s 300M tail.csv
expect_capped nul-tail-refused 1 "$ALLO" sample import s.db tail.csv
expect_eq nul-tail-line "$(head -1 err | cut -d: -f1-4)" "tail.csv:2: erreur : octet nul (0x00) "
printf '%s\n' "$H" 'N001,04 65 71 20 01,1,,Riom,,' 'N002,04 65 71 20 02,1,,"Vic' 'x",,' >nul.csv
printf 'N003,04 65 71 20 03,1,,R\000iom,,\n' >>nul.csv
expect_capped nul-line 1 "$ALLO" sample import s.db nul.csv
expect_eq nul-line-message "$(head -1 err)" "nul.csv:5: erreur : octet nul (0x00) : ce n'est pas un fichier texte (un fichier binaire, ou de l'UTF-16 ?) ; lecture arrêtée"
printf '%s\r\n' "$H" 'N001,04 65 71 20 01,1,,Riom,,' | iconv -f UTF-8 -t LATIN1 >nul1.csv
printf 'N002,04 65 71 20 02,1,,\351\000,,\r\n' >>nul1.csv
expect_capped nul-latin1 1 "$ALLO" sample import s.db nul1.csv --encoding latin1
expect_eq nul-latin1-line "$(head -1 err | cut -d: -f1-3)" "nul1.csv:3: erreur "
expect_eq nul-nothing "$(counts)" 1/1

# 12,000 bad lines: the first 100 errors by line, one line for the others, the total.
{ echo "$H"; i=0; while [ $i -lt 12000 ]; do echo "x$i,1"; i=$((i + 1)); done; } >bad.csv
expect_capped many-errors 1 "$ALLO" sample import s.db bad.csv
expect_eq many-errors-lines "$(wc -l <err)" 102
expect_eq many-errors-shown "$(grep -c '^bad.csv:[0-9]*: erreur : 2 champs alors que l.en-tête en a 7$' err)" 100
expect_eq many-errors-first-last "$(sed -n '1p;100p' err | cut -d: -f2)" "2
101"
expect_eq many-errors-count "$(tail -2 err)" "bad.csv : 11900 autres erreurs non affichées
bad.csv : 12000 erreurs ; rien n'est importé"
# The reason the reading stopped is printed whatever the number of errors before it.
cp bad.csv bad-nul.csv && printf 'y,\000\n' >>bad-nul.csv
expect_capped stop-after-errors 1 "$ALLO" sample import s.db bad-nul.csv
expect_eq stop-after-errors-shown "$(sed -n '101p' err)" "bad-nul.csv:12002: erreur : octet nul (0x00) : ce n'est pas un fichier texte (un fichier binaire, ou de l'UTF-16 ?) ; lecture arrêtée"
expect_eq stop-after-errors-count "$(tail -2 err)" "bad-nul.csv : 11900 autres erreurs non affichées
bad-nul.csv : 12001 erreurs ; rien n'est importé"
# More than a million lines of cases: the checks' memory is bounded, the reading stops.
{ echo "$H"; seq 1000001 | sed 's/$/,x/'; } >huge.csv
expect_capped cases-cap 1 "$ALLO" sample import s.db huge.csv
expect_eq cases-cap-message "$(sed -n '101p' err)" "huge.csv:1000002: erreur : plus de 1 000 000 lignes de cas : découper l'échantillon en plusieurs fichiers ; lecture arrêtée"
expect_eq errors-nothing "$(counts)" 1/1

# The driver: a line over 1 MiB gets one error and is skipped; the next command runs.
"$ALLO" init --test d.db "$DATA/good/features.yaml" >/dev/null
"$ALLO" user add d.db "$me" --role interviewer >/dev/null
drive() { capped "$ALLO" drive d.db >replies 2>derr; }
reply() { sed -n "${1}p" replies; }
long() { head -c "$1" /dev/zero | tr '\0' "$2"; }
{ echo start; long 2097152 y; echo; echo answer; echo quit; } | drive
expect_eq drive-long-line "$(reply 2)" '{"ok":false,"error":"ligne de plus de 1 Mio : commande ignorée"}'
case $(reply 3) in *'"ok":true,"screen"'*'"id":"consent"'*) ok drive-after-long-line ;;
	*) notok drive-after-long-line "$(reply 3 | cut -c1-200)" ;; esac
expect_eq drive-long-line-replies "$(wc -l <replies)" 4
# Exactly 1 MiB is still a command; one byte more is not.
{ echo start; echo answer; printf 'answer '; long $((1048576 - 7)) 9; echo; printf 'answer '; long $((1048576 - 6)) 9; echo; echo quit; } | drive
expect_eq drive-line-at-limit "$(reply 3)" '{"ok":false,"error":"« 999999999999999999999999999999999999999… » n'"'"'est pas un code."}'
expect_eq drive-line-over-limit "$(reply 4)" '{"ok":false,"error":"ligne de plus de 1 Mio : commande ignorée"}'
# A 200 MB line is read through, never held (once it grew a 256 MB buffer).
if [ "$asan" = 0 ]; then
	{ echo start; long 200000000 z; echo; echo quit; } | drive
	expect_eq drive-huge-line-memory "$(sed -n '2p;3p' replies)" '{"ok":false,"error":"ligne de plus de 1 Mio : commande ignorée"}
{"ok":true,"bye":true}'
fi
printf 'start\nshow\000x\nquit\n' | drive
expect_eq drive-nul-line "$(reply 2)" '{"ok":false,"error":"octet nul dans la ligne : commande ignorée"}'

# A 100 KB value is quoted back cut to 40 columns, on a character boundary.
big=$(long 100000 x)
{ echo start; echo answer; echo "answer $big"; echo "goto $big"; echo "start $big"; echo quit; } | drive
expect_eq drive-answer-cut "$(reply 3)" '{"ok":false,"error":"« xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… » n'"'"'est pas un code."}'
expect_eq drive-goto-cut "$(reply 4)" '{"ok":false,"error":"« xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… » n'"'"'est pas sur le parcours déjà atteint."}'
expect_eq drive-start-short "$(( $(reply 5 | wc -c) <= 200 ))" 1
expect_eq drive-errors-short "$(grep '"ok":false' replies | awk 'length($0) > 200' | wc -l)" 0
e() { long "$1" e | sed 's/e/é/g'; }
{ echo start; echo answer; echo "answer $(e 30000)"; echo "answer 漢$(e 30000)"; echo quit; } | drive
expect_eq drive-cut-utf8 "$(reply 3)" '{"ok":false,"error":"« '"$(e 39)"'… » n'"'"'est pas un code."}'
expect_eq drive-cut-wide "$(reply 4)" '{"ok":false,"error":"« 漢'"$(e 37)"'… » n'"'"'est pas un code."}'
expect_eq drive-cut-valid-utf8 "$(iconv -f UTF-8 -t UTF-8 replies >/dev/null 2>&1 && echo valid)" valid
