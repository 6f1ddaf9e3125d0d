#!/usr/bin/env node
import { main } from '../dist/release.js';

process.exitCode = await main(process.argv.slice(2));
