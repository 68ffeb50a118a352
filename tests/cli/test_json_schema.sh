#!/bin/sh
# SPDX-License-Identifier: ISC
# json_schema: every command's --json output, on success and on failure,
# validates against its JSON Schema in docs/json/ (python3-jsonschema);
# the commands are those of 'cronkeep --help'.  See json_schema.py.
. "$(dirname "$0")/lib.sh"
python3 -c 'import jsonschema' 2>/dev/null || skip "no python3-jsonschema"
exec python3 "$(dirname "$0")/json_schema.py"
