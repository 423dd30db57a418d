// The @portflow/worker browser entry as a module worker of this app.
import '@portflow/worker/worker';
