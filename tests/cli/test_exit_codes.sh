#!/bin/sh
# SPDX-License-Identifier: ISC
# exit_codes: the EXIT STATUS table of cronkeep(1), parsed from the page,
# triggered command by command (the commands and their date and --id
# options read from the help).  See exit_codes.py.
. "$(dirname "$0")/lib.sh"
exec python3 "$(dirname "$0")/exit_codes.py"
