// SIP.js 0.21 ships ES modules; pages get it as the global SIP, as they get JsSIP.
import * as SIP from 'sip.js';

window.SIP = SIP;
