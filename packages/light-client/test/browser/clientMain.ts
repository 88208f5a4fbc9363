/**
 * The entry of the page with nothing but the light client (see clientPage.ts): it runs the config
 * in the URL fragment at once, timed from the page's first script (see servePage).
 */
import { pageScriptStart, runFromFragment } from './clientPage.js'

runFromFragment(pageScriptStart())
