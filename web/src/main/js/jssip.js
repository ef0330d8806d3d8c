// JsSIP 3.13 ships CommonJS only; this entry makes it a browser global, as the
// pages (softphone, tests) expect: window.JsSIP.
import JsSIP from 'jssip';

window.JsSIP = JsSIP;
