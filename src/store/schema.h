/* Private to the store: the migrations, in order. */
#ifndef ALLO_SCHEMA_H
#define ALLO_SCHEMA_H

extern const char *const schema_migrations[];

#endif
