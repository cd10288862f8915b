#include <JavaScriptCore/JavaScript.h>

/* Exported by the library but missing from its public headers: stops a
   runaway script once it has run for `limit` seconds. */
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);
void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                         JSShouldTerminateCallback callback, void *context);
void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);
