void f() {}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: something that is never reported
