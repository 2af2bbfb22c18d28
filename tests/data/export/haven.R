# R reads the exported wave with haven: read_sav(user_na = TRUE) and read_dta, against W.csv.
# usage: Rscript haven.R W.sav W.dta W.csv; prints "ok NAME" or "not ok NAME: why" lines.
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(haven))
ok <- function(name, cond, why = "") {
  if (isTRUE(cond)) cat(sprintf("ok %s\n", name)) else cat(sprintf("not ok %s: %s\n", name, why))
}
s <- read_sav(args[1], user_na = TRUE)
d <- read_dta(args[2])
w <- read.csv(args[3], colClasses = "character", check.names = FALSE, fileEncoding = "UTF-8",
  na.strings = NULL)
ok("r-haven-shape", nrow(s) == nrow(w) && nrow(d) == nrow(w) && ncol(s) == ncol(w) &&
  ncol(d) == ncol(w), paste(dim(s), dim(d), dim(w)))
ok("r-haven-names", identical(names(s), names(w)) && identical(names(d), names(w)))
when <- c("arrivee", "start_time", "end_time")
num <- Filter(function(n) !(n %in% when) && is.numeric(unclass(s[[n]])), names(w))
bad <- c()
for (n in num) {
  want <- suppressWarnings(as.numeric(w[[n]]))
  got <- as.numeric(unclass(s[[n]]))
  if (!identical(is.na(want), is.na(got)) || any(want != got, na.rm = TRUE)) bad <- c(bad, n)
}
ok("r-haven-sav-values", length(bad) == 0, paste(bad, collapse = " "))
bad <- c()
for (n in num) {
  want <- suppressWarnings(as.numeric(w[[n]]))
  tag <- ifelse(w[[n]] == "-8", "d", ifelse(w[[n]] == "-9", "r", NA))
  got <- as.numeric(d[[n]])
  miss <- !is.na(tag) & is.na(got)
  if (!identical(miss, !is.na(tag) & na_tag(d[[n]]) %in% c("d", "r")) ||
      any(tag[miss] != na_tag(d[[n]])[miss]) || any(want[!miss] != got[!miss], na.rm = TRUE) ||
      !identical(is.na(want[!miss]), is.na(got[!miss]))) bad <- c(bad, n)
}
ok("r-haven-dta-values", length(bad) == 0, paste(bad, collapse = " "))
ok("r-haven-sav-user-missing", identical(as.numeric(attr(s$age, "na_values")), c(-8, -9)) &&
  any(is.na(s$age)) && any(as.numeric(unclass(s$age)) == -8, na.rm = TRUE))
ok("r-haven-labels", attr(s$consent, "label") == "Accord pour répondre" &&
  attr(d$consent, "label") == "Accord pour répondre" &&
  names(attr(s$consent, "labels"))[attr(s$consent, "labels") == 1] == "Oui" &&
  names(attr(d$num_usages_9, "labels"))[attr(d$num_usages_9, "labels") %in% 1] == "Cité")
dates <- w$arrivee
keep <- !(dates %in% c("", "-8", "-9"))
ok("r-haven-dta-dates", inherits(d$arrivee, "Date") &&
  identical(format(d$arrivee[keep]), dates[keep]))
ok("r-haven-dta-times", inherits(d$start_time, "POSIXct") &&
  identical(format(d$start_time, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"), w$start_time))
ok("r-haven-sav-times", inherits(s$end_time, "POSIXct") &&
  identical(format(s$end_time, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"), w$end_time))
ok("r-haven-texts", identical(as.vector(zap_labels(s$commentaire)), w$commentaire) &&
  identical(as.vector(d$commentaire), w$commentaire))
