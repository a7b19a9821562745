import { Module } from '@nestjs/common';
import { CredentialsCipher } from './credentials-cipher.js';
import { IdentityBroadcasts } from './identity-broadcasts.js';
import { ListCursors } from './list-cursors.js';

@Module({ providers: [ListCursors, IdentityBroadcasts, CredentialsCipher], exports: [ListCursors, IdentityBroadcasts, CredentialsCipher] })
export class CommonModule {}
