import { Module } from '@nestjs/common';
import { IdentityBroadcasts } from './identity-broadcasts.js';
import { ListCursors } from './list-cursors.js';

@Module({ providers: [ListCursors, IdentityBroadcasts], exports: [ListCursors, IdentityBroadcasts] })
export class CommonModule {}
