#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# Migrations are applied by scripts/migrate.ts instead.
echo "partition-desk: the Prisma schema engine is not used; run 'npm run db:migrate'" >&2
exit 1
